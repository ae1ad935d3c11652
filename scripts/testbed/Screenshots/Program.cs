using EdgeControl.Screenshots;
using Microsoft.Playwright;

var options = ShotOptions.Parse(args, Environment.GetEnvironmentVariable, out var error);
if (options is null)
{
    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine(ShotOptions.Usage);
    return 2;
}

Directory.CreateDirectory(options.Directory);
try
{
    using var playwright = await Playwright.CreateAsync();
    // Debian's Chromium, as the dashboard tests use it: never a downloaded browser.
    await using var browser = await playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = options.Browser,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    // Wide enough for the what-if table's nine columns without a scroll bar.
    await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1000 } });
    var dashboard = new Dashboard(await context.NewPageAsync(), options, Console.Out);
    await dashboard.SignInAsync();
    if (options.Watch is { } watch)
    {
        await dashboard.WatchLearningAsync(watch);
        Console.WriteLine($"watched the learning page for {watch.TotalSeconds:0} s");
        return 0;
    }

    await dashboard.OverviewAsync();
    await dashboard.UsersWhatIfAsync();
    await dashboard.LearningAsync();
    await dashboard.DevicesAsync();
    Console.WriteLine($"4 pages saved in {options.Directory} ({dashboard.Warnings} warning(s))");
    return 0;
}
catch (Exception e) when (e is PlaywrightException or TimeoutException or InvalidOperationException or IOException)
{
    Console.WriteLine($"failed: {e.Message.Split('\n')[0]}");
    return 1;
}
