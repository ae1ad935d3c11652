using System.Threading.Channels;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// The executed (observation, action, outcome) tuples of connected devices, for the orchestrator's live mode to
/// learn from. Bounded and dropping the oldest: devices never wait for a learner that is busy or not reading.
/// </summary>
public sealed class LiveExperiences
{
    private readonly Channel<LiveExperience> _channel;
    private long _written;
    private long _dropped;

    public LiveExperiences(int capacity)
    {
        _channel = Channel.CreateBounded<LiveExperience>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
            },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Where the orchestrator reads executed decisions from, oldest first.</summary>
    public ChannelReader<LiveExperience> Reader => _channel.Reader;

    /// <summary>Experiences written since start.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Experiences dropped unread because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal void Write(LiveExperience experience)
    {
        _channel.Writer.TryWrite(experience);
        Interlocked.Increment(ref _written);
    }
}
