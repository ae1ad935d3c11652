using EdgeControl.Core.Domain;
using EdgeControl.Protocol;

namespace EdgeControl.Worker.Api;

/// <summary>Reads a request's input: exactly the variant's resolution x resolution x 3 bytes, or why not.</summary>
internal static class InputBody
{
    public static async Task<(byte[]? Input, string? Problem)> ReadAsync(HttpRequest request, ModelVariant variant, CancellationToken cancellationToken)
    {
        var expected = variant.InputBytes;
        if (request.ContentLength is { } declared && declared != expected)
        {
            return (null, Mismatch(declared, variant));
        }

        // One byte more than needed, to tell a body that is too long from one that is exactly right.
        var buffer = new byte[expected + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read == expected ? (buffer[..expected], null) : (null, Mismatch(read > expected ? $"more than {expected}" : read.ToString(System.Globalization.CultureInfo.InvariantCulture), variant));
    }

    private static string Mismatch(long bytes, ModelVariant variant) =>
        Mismatch(bytes.ToString(System.Globalization.CultureInfo.InvariantCulture), variant);

    private static string Mismatch(string bytes, ModelVariant variant) =>
        $"The body is {bytes} bytes, but the {WorkerContract.VariantHeader} '{variant.Name}' takes {variant.Resolution} x {variant.Resolution} x 3 = "
        + $"{variant.InputBytes} bytes of uint8 RGB (row-major, height x width x channel).";
}
