using Microsoft.Playwright;

namespace EdgeControl.Web.Tests.Dashboard;

[Collection(DashboardDefinition.Name)]
public sealed class SignOutTests(DashboardFixture fixture)
{
    [Fact]
    public async Task The_sign_out_button_ends_the_session_and_a_logout_post_without_its_antiforgery_token_is_refused()
    {
        await using var browser = await fixture.NewAdminPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("[data-account]")).ToHaveTextAsync("admin (admin)");

        // What a page of another site can make the browser post: the form without its token, the cookies attached.
        var forged = await page.APIRequest.PostAsync("/account/logout", new()
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" },
            DataString = "signOut=1",
        });
        Assert.Equal(400, forged.Status);
        Assert.StartsWith("application/problem+json", forged.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal(200, (await page.APIRequest.GetAsync("/api/v1/accounts/me")).Status);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        // The form's redirect, or the open circuit noticing its session ended first (it keeps the page to return to).
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login(\\?ReturnUrl=%2F)?$"));
        Assert.Equal(401, (await page.APIRequest.GetAsync("/api/v1/accounts/me")).Status);
        Assert.Empty(browser.Errors);
    }
}
