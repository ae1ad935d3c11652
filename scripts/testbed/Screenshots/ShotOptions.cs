namespace EdgeControl.Screenshots;

/// <summary>
/// What to photograph: the dashboard at <see cref="Url"/>, signed in as <see cref="UserName"/> with the password from
/// the environment variable EDGECONTROL_ADMIN_PASSWORD (not an argument, which every user of the machine can read in ps),
/// into <see cref="Directory"/>.
/// </summary>
/// With <see cref="Watch"/> it takes no pictures: it keeps the learning page open that long and prints each update of its curve.
internal sealed record ShotOptions(Uri Url, string Directory, string UserName, string Password, TimeSpan Patience, string Browser, TimeSpan? Watch = null)
{
    public const string PasswordVariable = "EDGECONTROL_ADMIN_PASSWORD";

    public const string Usage = """
        usage: EdgeControl.Screenshots --url URL --out DIR [--user admin] [--patience 60] [--browser /usr/bin/chromium] [--watch SECONDS]
          Signs in through the dashboard's sign-in page (password from $EDGECONTROL_ADMIN_PASSWORD) and saves
          overview.png, users-what-if.png, learning.png and devices.png into DIR, each once its live content has drawn
          (at most --patience seconds per page; a page still empty then is saved anyway, with a warning).
          With --watch: no pictures; keeps the learning page open SECONDS and prints "update UNIX-TIME TRACES POINTS"
          whenever its curve changes (scripts/cluster.sh uses it to see a dashboard stay live through a failover).
        """;

    /// <summary>The options, or null with <paramref name="error"/> naming the argument at fault.</summary>
    public static ShotOptions? Parse(IReadOnlyList<string> args, Func<string, string?> environment, out string error)
    {
        string? url = null, directory = null, user = "admin", patience = "60", browser = "/usr/bin/chromium", watch = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (i + 1 >= args.Count)
            {
                error = $"{args[i]} needs a value";
                return null;
            }

            switch (args[i])
            {
                case "--url": url = args[++i]; break;
                case "--out": directory = args[++i]; break;
                case "--user": user = args[++i]; break;
                case "--patience": patience = args[++i]; break;
                case "--browser": browser = args[++i]; break;
                case "--watch": watch = args[++i]; break;
                default:
                    error = $"unknown argument '{args[i]}'";
                    return null;
            }
        }

        var password = environment(PasswordVariable);
        var seconds = int.TryParse(patience, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        var watchSeconds = watch is null ? (int?)null : int.TryParse(watch, System.Globalization.CultureInfo.InvariantCulture, out var w) ? w : 0;
        error = url is null || !Uri.TryCreate(url, UriKind.Absolute, out _) ? $"--url must be an absolute URL, got '{url}'"
            : string.IsNullOrEmpty(directory) ? "--out (the directory for the PNGs) is required"
            : string.IsNullOrEmpty(password) ? $"${PasswordVariable} (the password of --user) is not set"
            : seconds < 1 ? $"--patience must be a whole number of seconds, got '{patience}'"
            : !File.Exists(browser) ? $"--browser: no Chromium at '{browser}'"
            : watchSeconds < 1 ? $"--watch must be a whole number of seconds, got '{watch}'"
            : string.Empty;
        return error.Length > 0
            ? null
            : new ShotOptions(new Uri(url!), directory!, user!, password!, TimeSpan.FromSeconds(seconds), browser!, watchSeconds is { } ws ? TimeSpan.FromSeconds(ws) : null);
    }
}
