using EdgeControl.Core.Domain;

namespace EdgeControl.Core.Catalog;

/// <summary>
/// Every number EdgeControl takes from a paper, a model zoo or a datasheet, with its source.
/// Figures marked "estimate" are derived from published measurements rather than read off a table;
/// docs/physics.md explains each derivation.
/// </summary>
public static class PublishedFigures
{
    /// <summary>
    /// MobileNetV1 (Howard et al., arXiv:1704.04861) as released in TF-slim's model zoo
    /// (tensorflow/models, research/slim/nets/mobilenet_v1.md, checkpoints of 2018-02-22):
    /// million MACs, million parameters and ImageNet top-1 of each width x resolution variant.
    /// </summary>
    public static IReadOnlyList<ModelVariant> MobileNetV1 { get; } =
    [
        new("mobilenet_v1_1.0_224", 1.00, 224, 569, 4.24, 0.709),
        new("mobilenet_v1_1.0_192", 1.00, 192, 418, 4.24, 0.700),
        new("mobilenet_v1_1.0_160", 1.00, 160, 291, 4.24, 0.680),
        new("mobilenet_v1_1.0_128", 1.00, 128, 186, 4.24, 0.652),
        new("mobilenet_v1_0.75_224", 0.75, 224, 317, 2.59, 0.684),
        new("mobilenet_v1_0.75_192", 0.75, 192, 233, 2.59, 0.672),
        new("mobilenet_v1_0.75_160", 0.75, 160, 162, 2.59, 0.653),
        new("mobilenet_v1_0.75_128", 0.75, 128, 104, 2.59, 0.621),
        new("mobilenet_v1_0.5_224", 0.50, 224, 150, 1.34, 0.633),
        new("mobilenet_v1_0.5_192", 0.50, 192, 110, 1.34, 0.617),
        new("mobilenet_v1_0.5_160", 0.50, 160, 77, 1.34, 0.591),
        new("mobilenet_v1_0.5_128", 0.50, 128, 49, 1.34, 0.563),
        new("mobilenet_v1_0.25_224", 0.25, 224, 41, 0.47, 0.498),
        new("mobilenet_v1_0.25_192", 0.25, 192, 34, 0.47, 0.477),
        new("mobilenet_v1_0.25_160", 0.25, 160, 21, 0.47, 0.455),
        new("mobilenet_v1_0.25_128", 0.25, 128, 14, 0.47, 0.415),
    ];

    /// <summary>Model catalogs a scenario can name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ModelVariant>> Catalogs { get; } =
        new Dictionary<string, IReadOnlyList<ModelVariant>>(StringComparer.Ordinal)
        {
            ["mobilenet_v1"] = MobileNetV1,
        };

    /// <summary>
    /// Node classes. Throughput is effective MACs/s of one slot on MobileNetV1 float32 inference,
    /// i.e. 569 MMACs divided by the measured 1.0_224 latency; see docs/physics.md.
    /// </summary>
    public static IReadOnlyList<NodeProfile> NodeProfiles { get; } =
    [
        // Raspberry Pi 4 B (4x Cortex-A72 @ 1.5 GHz): TFLite float MobileNetV1 1.0_224 with 4 threads
        // runs in ~80 ms (estimate from public TFLite benchmarks) -> 569/80 = 7.1 GMAC/s.
        // Power: ~2.7 W idle, ~6.4 W at full CPU load (Raspberry Pi 4 board power measurements,
        // e.g. the Pi Dramble power benchmarks).
        new("rpi4", Tier.Device, 7.1, 1, 6.4, 2.7, "Raspberry Pi 4 B class ARM device"),

        // Raspberry Pi 3 B (4x Cortex-A53 @ 1.2 GHz): ~250 ms for 1.0_224 (estimate, same sources) -> 2.3 GMAC/s.
        // Power: ~1.4 W idle, ~3.7 W under load (Pi Dramble power benchmarks).
        new("rpi3", Tier.Device, 2.3, 1, 3.7, 1.4, "Raspberry Pi 3 B class (weaker) ARM device"),

        // Small x86 edge server (8 cores, run as 2 inference workers of 4 cores): ~23 ms per 1.0_224
        // per worker (estimate from published OpenVINO/TF CPU latencies of 8-20 ms on 4-8 cores)
        // -> 25 GMAC/s per slot. Power: ~65 W busy / ~25 W idle (estimate; not part of device energy).
        new("edge-cpu", Tier.Edge, 25, 2, 65, 25, "x86 edge server, 2 inference workers"),

        // Cloud GPU server (NVIDIA V100 class): batch-1 MobileNetV1 1.0_224 in ~1.5 ms
        // (estimate from NVIDIA's published TensorRT inference latencies) -> 380 GMAC/s per stream,
        // 8 concurrent streams. Power: 300 W TDP (V100 datasheet) / ~50 W idle (estimate).
        new("cloud-gpu", Tier.Cloud, 380, 8, 300, 50, "cloud GPU server (V100 class), 8 streams"),
    ];

    /// <summary>
    /// Uplink power models of Huang et al., "A Close Examination of Performance and Power
    /// Characteristics of 4G LTE Networks", MobiSys 2012, Table 3: P = alpha_u * t_u + beta
    /// (mW, t_u in Mbps). Measured on phones; used here as the radio of ARM end devices (estimate).
    /// </summary>
    public static IReadOnlyList<RadioProfile> Radios { get; } =
    [
        new("wifi", 283.17, 132.86),
        new("lte", 438.39, 1288.04),
        new("3g", 868.98, 817.88),
    ];
}
