using EdgeControl.Web.Api;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EdgeControl.Web.Tests.Dashboard;

[Collection(DashboardDefinition.Name)]
public sealed class AccountTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Admin_signs_in_starts_a_run_sees_it_progress_and_registers_and_revokes_a_device()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;

        // Signed out, the dashboard sends the browser to the sign-in form, which brings it back after signing in.
        await page.GotoAsync("/training");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?ReturnUrl=%2Ftraining$"));
        await page.GetByLabel("User name").FillAsync(SignIn.AdminUserName);
        await page.GetByLabel("Password").FillAsync("not-the-admin-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The user name or the password is wrong.");
        await page.GetByLabel("User name").FillAsync(SignIn.AdminUserName);
        await page.GetByLabel("Password").FillAsync(SignIn.AdminPassword);
        await Screenshots.SaveAsync(page, "sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Training");
        await Assertions.Expect(page.Locator("[data-account]")).ToHaveTextAsync("admin (admin)");

        await Assertions.Expect(page.Locator("form[data-interactive]")).ToHaveAttributeAsync("data-interactive", "true");
        await page.GetByLabel("Learner").SelectOptionAsync("qlearning");
        await page.GetByLabel("scratch (fresh)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start run" }).ClickAsync();
        var message = page.Locator("[data-run-message]");
        await Assertions.Expect(message).ToContainTextAsync("Started run", new() { Timeout = 20_000 });
        var runId = System.Text.RegularExpressions.Regex.Match(await message.InnerTextAsync(), "[0-9a-f-]{36}").Value;

        // The new run is the current one at once, and it progresses.
        await Assertions.Expect(page.Locator("[data-field='run']")).ToHaveTextAsync(runId, new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-field='agent']")).ToHaveTextAsync("qlearning");
        var interactions = page.Locator("[data-field='interactions']");
        var before = Count(await interactions.InnerTextAsync());
        await page.WaitForFunctionAsync(
            "n => Number(document.querySelector(\"[data-field='interactions']\").textContent.replaceAll(',', '')) > n", before, new() { Timeout = 20_000 });
        await Screenshots.SaveAsync(page, "training-admin");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Devices", Exact = true }).ClickAsync();
        var name = $"pi-{Guid.NewGuid():N}"[..16];
        await Assertions.Expect(page.Locator("form[data-interactive]")).ToHaveAttributeAsync("data-interactive", "true");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Users", new() { Exact = true }).FillAsync("camera-1, phone-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-api-key]")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy key" })).ToBeVisibleAsync();
        var row = page.Locator("table.registered-nodes tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("offline");
        await Screenshots.SaveAsync(page, "devices-admin");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("revoked");

        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Operator_sees_no_admin_controls_and_the_server_refuses_its_forged_admin_requests()
    {
        var name = $"operator-{Guid.NewGuid():N}";
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var account = new IdentityUser(name);
            Assert.True((await accounts.CreateAsync(account, SignIn.OperatorPassword)).Succeeded);
            Assert.True((await accounts.AddToRoleAsync(account, "Operator")).Succeeded);
        }

        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/account/login");
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(SignIn.OperatorPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Overview");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Training", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-field='state']")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start run" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stop the current run" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "training-operator");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Devices", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Devices");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Register" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Revoke") })).ToHaveCountAsync(0);

        // The same requests the admin controls send, with the operator's cookie: refused by the server.
        var start = await page.APIRequest.PostAsync("/api/v1/training-runs", new() { DataObject = new { agent = "dqn" } });
        Assert.Equal(403, start.Status);
        var revoke = await page.APIRequest.DeleteAsync($"/api/v1/devices/{Guid.NewGuid()}", new()
        {
            Headers = new Dictionary<string, string> { [CrossSiteRequestGuard.RequestedWithHeader] = CrossSiteRequestGuard.RequestedWithValue },
        });
        Assert.Equal(403, revoke.Status);
        Assert.Empty(browser.Errors);
    }

    private static long Count(string text) => long.Parse(text.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
