using EdgeControl.Web.Database;

namespace EdgeControl.Web.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddDatabase();
    }
}
