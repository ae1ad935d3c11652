using System.Text.Json;

namespace EdgeControl.CommandLine;

/// <summary>
/// An identity file holding keys (the device agent's and the worker's): written atomically (temporary file, then
/// rename), mode 600 in a directory only its owner may enter, and on disk before the rename makes it current, because
/// the keys exist nowhere else in this form (the server keeps only an API key's hash).
/// </summary>
public static class SecretFile
{
    public static void Save<T>(string directory, string fileName, T value, JsonSerializerOptions json)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var path = Path.Combine(directory, fileName);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(file, value, json);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
