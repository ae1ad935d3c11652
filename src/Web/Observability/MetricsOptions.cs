namespace EdgeControl.Web.Observability;

/// <summary>Settings of the Prometheus endpoint (section <c>Metrics</c>).</summary>
internal sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Shortest scrape token accepted, so a guessable one cannot be configured by accident.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>
    /// The bearer token a scraper sends (<c>Authorization: Bearer ...</c>; Prometheus: <c>authorization.credentials</c>).
    /// Empty: only a signed-in admin can read <c>/metrics</c>.
    /// </summary>
    public string ScrapeToken { get; set; } = string.Empty;
}
