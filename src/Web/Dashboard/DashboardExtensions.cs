using EdgeControl.Web.Components;
using EdgeControl.Web.Components.Widgets;
using EdgeControl.Web.Dashboard.WhatIf;
using EdgeControl.Web.Dashboard.Workers;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        // The stored view until a live worker registry (with the heartbeats' loads) is registered in its place.
        builder.Services.TryAddSingleton<IWorkerStatus, StoredWorkerStatus>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RecentActivity>());
    }

    public static void MapDashboard(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapSignOut();
    }
}
