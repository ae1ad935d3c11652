using EdgeControl.Worker.Options;

namespace EdgeControl.Worker.Execution;

/// <summary><c>--profile-only</c>: the worker's own measurement of this machine, printed, with nothing served.</summary>
internal static class ProfileOnly
{
    public static async Task<int> RunAsync(WorkerOptions options, TextWriter output)
    {
        ProfileTable.Announce(output, options);
        using var slots = new InferenceSlots(options with { Slots = 1 });
        ProfileTable.Write(output, await slots.Ready, slots: 1);
        return 0;
    }
}
