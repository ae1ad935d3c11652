using Microsoft.Playwright;

namespace EdgeControl.Screenshots;

/// <summary>
/// The dashboard's pages as a signed-in admin sees them, each saved once its live content is there. The selectors are
/// the ones tests/Web.Tests/Dashboard relies on. A wait that runs out is a warning, not a failure: a testbed in its
/// first minutes may have no worker or no curve point yet, and a picture of that is still the truth.
/// </summary>
internal sealed class Dashboard(IPage page, ShotOptions options, TextWriter log)
{
    // Plotly sets .data on the chart's element when it draws; the current run's trace is the last one.
    private const string PointsOfLastTrace = "id => { const d = document.getElementById(id)?.data; return d?.[d.length - 1]?.x?.length ?? 0; }";

    public int Warnings { get; private set; }

    /// <summary>Through the sign-in form, as a person would; throws when the dashboard does not let the user in.</summary>
    public async Task SignInAsync()
    {
        await page.GotoAsync(new Uri(options.Url, "account/login?ReturnUrl=%2F").ToString());
        await page.GetByLabel("User name").FillAsync(options.UserName);
        await page.GetByLabel("Password").FillAsync(options.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = Milliseconds });
        }
        catch (TimeoutException)
        {
            var alert = page.GetByRole(AriaRole.Alert);
            var reason = await alert.CountAsync() > 0 ? await alert.First.InnerTextAsync() : $"still on the sign-in page after {options.Patience.TotalSeconds:0} s";
            throw new InvalidOperationException($"signing in as {options.UserName} failed: {reason}");
        }

        await Assertions.Expect(page.Locator("[data-account]")).ToContainTextAsync(options.UserName, new() { Timeout = Milliseconds });
    }

    /// <summary>The network diagram with its workers and every user's current placement, and the headline figures.</summary>
    public async Task OverviewAsync()
    {
        await OpenAsync("");
        await WaitAsync("the Overview's diagram with its users", () => page.WaitForFunctionAsync(
            "() => document.querySelectorAll('svg.topology g[data-user]').length > 0 && document.querySelectorAll('svg.topology g[data-node]').length > 0",
            null, Patient()));
        await WaitAsync("the Overview's closed-loop score", () => Assertions.Expect(page.Locator("[data-figure='score']")).Not.ToHaveTextAsync("—", new() { Timeout = Milliseconds }));
        await SaveAsync("overview");
    }

    /// <summary>The Users page with a user selected whose latest request was offloaded, if any user's was.</summary>
    public async Task UsersWhatIfAsync()
    {
        await OpenAsync("users");
        if (!await WaitAsync("a user on the Users page", () => page.Locator("#user-select").WaitForAsync(new() { Timeout = Milliseconds })))
        {
            await SaveAsync("users-what-if");
            return;
        }

        var users = await page.Locator("#user-select option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        string? offloaded = null;
        foreach (var user in users)
        {
            if (!await WaitAsync($"the Users page to show {user}", () => SelectAsync(user)))
            {
                continue;
            }

            var chosen = page.Locator("table.what-if tr[data-chosen='true'] .tier-tag");
            if (await chosen.CountAsync() == 1 && await chosen.InnerTextAsync() is { } tier && tier != "device")
            {
                offloaded = $"{user} (latest request on the {tier})";
                break;
            }
        }

        if (offloaded is null)
        {
            Warn($"no user's latest request was offloaded; showing {await page.Locator("[data-selected-user]").InnerTextAsync()}");
        }
        else
        {
            log.WriteLine($"users-what-if: {offloaded}");
        }

        await WaitAsync("the what-if panel", () => page.Locator("[data-what-if-summary]").WaitForAsync(new() { Timeout = Milliseconds }));
        await WaitAsync("the user's latency chart", () => page.WaitForFunctionAsync($"() => ({PointsOfLastTrace.Replace("d.length - 1", "0", StringComparison.Ordinal)})('latency-chart') > 0", null, Patient()));
        await SaveAsync("users-what-if");
    }

    /// <summary>The learning curve with at least one point of the current run, and the loss.</summary>
    public async Task LearningAsync()
    {
        await OpenAsync("learning");
        await WaitAsync("a point of this run's learning curve", () => page.WaitForFunctionAsync($"() => ({PointsOfLastTrace})('learning-chart') > 0", null, Patient()));
        await SaveAsync("learning");
    }

    /// <summary>
    /// The learning page kept open for <paramref name="duration"/>: a line "update UNIX-SECONDS TRACES POINTS" each time
    /// the curve changes (traces, or points of the current run's), as the page's circuit receives them. scripts/cluster.sh
    /// reads these lines to tell whether a dashboard on an instance that is not (or was not) the trainer stays live.
    /// </summary>
    public async Task WatchLearningAsync(TimeSpan duration)
    {
        await OpenAsync("learning");
        var until = DateTime.UtcNow + duration;
        var last = "";
        while (DateTime.UtcNow < until)
        {
            var shape = await page.EvaluateAsync<string>(
                "() => { const d = document.getElementById('learning-chart')?.data; return d ? `${d.length} ${d[d.length - 1]?.x?.length ?? 0}` : ''; }");
            if (shape.Length > 0 && shape != last)
            {
                log.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"update {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0:0.000} {shape}"));
                last = shape;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Registered nodes and the workers with their measured profiles.</summary>
    public async Task DevicesAsync()
    {
        await OpenAsync("devices");
        await WaitAsync("the Devices page's tables", () => page.WaitForFunctionAsync("() => !document.body.innerText.includes('Loading…')", null, Patient()));
        await WaitAsync("a worker on the Devices page", () => page.Locator("table.workers tr[data-worker]").First.WaitForAsync(new() { Timeout = Milliseconds }));
        await SaveAsync("devices");
    }

    /// <summary>
    /// Selects <paramref name="user"/> until the heading shows it: the prerendered page has the select before the
    /// circuit is up, and a choice made then is lost.
    /// </summary>
    private async Task SelectAsync(string user)
    {
        var deadline = DateTime.UtcNow + options.Patience;
        while (true)
        {
            await page.Locator("#user-select").SelectOptionAsync(user);
            try
            {
                await Assertions.Expect(page.Locator("[data-selected-user]")).ToHaveTextAsync(user, new() { Timeout = 1_000 });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    private float Milliseconds => (float)options.Patience.TotalMilliseconds;

    private PageWaitForFunctionOptions Patient() => new() { Timeout = Milliseconds, PollingInterval = 500 };

    private async Task OpenAsync(string path)
    {
        await page.GotoAsync(new Uri(options.Url, path).ToString());
        if (page.Url.Contains("/account/login", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"/{path} sent the browser to the sign-in page: the session did not hold");
        }
    }

    /// <summary>True when <paramref name="wait"/> saw <paramref name="what"/> in time; a warning otherwise.</summary>
    private async Task<bool> WaitAsync(string what, Func<Task> wait)
    {
        try
        {
            await wait();
            return true;
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            Warn($"{what}: not there after {options.Patience.TotalSeconds:0} s ({e.Message.Split('\n')[0]})");
            return false;
        }
    }

    private async Task SaveAsync(string name)
    {
        var path = Path.Combine(options.Directory, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        log.WriteLine($"saved {path}");
    }

    private void Warn(string message)
    {
        Warnings++;
        log.WriteLine($"warning: {message}");
    }
}
