using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests.Dashboard;

/// <summary>Kept so dashboard tests written against it still compile: it waits with <see cref="Eventually"/>; new tests use that.</summary>
internal static class Live
{
    public static readonly TimeSpan Patience = Eventually.Patience;

    /// <summary>The first non-null value of <paramref name="probe"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<T?> probe, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(probe))] string? awaited = null)
        where T : class =>
        (await Eventually.ReachesAsync(probe, value => value is not null, awaited, "is not null"))!;
}
