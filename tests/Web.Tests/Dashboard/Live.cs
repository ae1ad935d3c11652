namespace EdgeControl.Web.Tests.Dashboard;

/// <summary>Waiting for the learning twin: it runs on its own thread at its own pace.</summary>
internal static class Live
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task<T> EventuallyAsync<T>(Func<T?> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not reached within {Patience.TotalSeconds} s");
            }

            await Task.Delay(100);
        }
    }
}
