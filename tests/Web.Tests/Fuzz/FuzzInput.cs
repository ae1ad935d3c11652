using System.Globalization;
using System.Text;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>One generated malformed input: which mutation made it, where it struck, and the bytes sent.</summary>
internal sealed record FuzzInput(string Mutation, string Detail, byte[] Bytes)
{
    /// <summary>The first bytes, readable: invalid UTF-8 shows as U+FFFD, controls as \uXXXX, long runs are cut.</summary>
    public string Preview(int maxChars = 160)
    {
        var text = Encoding.UTF8.GetString(Bytes, 0, Math.Min(Bytes.Length, maxChars * 4));
        var preview = new StringBuilder();
        foreach (var c in text)
        {
            if (preview.Length >= maxChars)
            {
                preview.Append(CultureInfo.InvariantCulture, $"... ({Bytes.Length} bytes)");
                break;
            }

            preview.Append(char.IsControl(c) || char.IsSurrogate(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : c.ToString());
        }

        return preview.ToString();
    }
}
