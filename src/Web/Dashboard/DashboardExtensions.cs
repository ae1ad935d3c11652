using EdgeControl.Web.Components;
using EdgeControl.Web.Components.Widgets;
using EdgeControl.Web.Dashboard.WhatIf;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Dashboard;

internal static class DashboardExtensions
{
    public static void AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, AccountRevalidation>();
        builder.Services.AddOptions<DashboardOptions>()
            .BindConfiguration(DashboardOptions.SectionName)
            .PostConfigure<IHostEnvironment>((options, environment) =>
                options.ResultsDirectory = Path.GetFullPath(options.ResultsDirectory, environment.ContentRootPath))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        builder.Services.AddScoped<AdminApi>();
        builder.Services.AddSingleton<ConvergenceResults>();
        builder.Services.AddSingleton<DashboardQueries>();
        builder.Services.AddSingleton<RecentActivity>();
        builder.Services.AddSingleton<WhatIfAnalysis>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RecentActivity>());
    }

    public static void MapDashboard(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapSignOut();
    }
}
