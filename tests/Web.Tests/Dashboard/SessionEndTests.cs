using Microsoft.Playwright;

namespace EdgeControl.Web.Tests.Dashboard;

[Collection(DashboardDefinition.Name)]
public sealed class SessionEndTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_live_dashboard_goes_to_sign_in_as_soon_as_its_session_is_signed_out_elsewhere()
    {
        await using var browser = await fixture.NewAdminPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/training");
        await Assertions.Expect(page.Locator("form[data-interactive]")).ToHaveAttributeAsync("data-interactive", "true");

        // The same session, ended by a REST call (as another tab of this browser would).
        var signedOut = await page.APIRequest.PostAsync("/api/v1/accounts/sign-out", new() { DataObject = new { } });

        Assert.Equal(204, signedOut.Status);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?ReturnUrl=%2Ftraining$"));
        Assert.Empty(browser.Errors);
    }
}
