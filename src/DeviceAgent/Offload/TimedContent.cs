using System.Diagnostics;
using System.Net;

namespace EdgeControl.DeviceAgent.Offload;

/// <summary>
/// A request body that notes, on the request's clock, when the handler started writing it and when its last byte
/// was written and flushed. Over HTTP/1.1 "flushed" means handed to the kernel (socket send buffer, then the
/// interface's queue), which takes a whole input at once: the time is only a lower bound of the upload
/// (<see cref="UplinkTime"/>).
/// </summary>
internal sealed class TimedContent : HttpContent
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly Stopwatch _clock;

    public TimedContent(ReadOnlyMemory<byte> bytes, Stopwatch clock)
    {
        _bytes = bytes;
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        Headers.ContentType = new("application/octet-stream");
        Headers.ContentLength = bytes.Length;
    }

    /// <summary>Milliseconds on the request's clock when writing began, or null if it never did.</summary>
    public double? StartedMs { get; private set; }

    /// <summary>Milliseconds on the request's clock when the last byte was flushed, or null if it never was.</summary>
    public double? WrittenMs { get; private set; }

    /// <summary>How long writing the body took, or the time it had been writing by <paramref name="nowMs"/> if it did not finish.</summary>
    public double SendingMs(double nowMs) => StartedMs is { } started ? (WrittenMs ?? nowMs) - started : 0.0;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        StartedMs = _clock.Elapsed.TotalMilliseconds;
        await stream.WriteAsync(_bytes, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        WrittenMs = _clock.Elapsed.TotalMilliseconds;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _bytes.Length;
        return true;
    }
}
