using EdgeControl.Core.Domain;

namespace EdgeControl.Inference;

/// <summary>The median milliseconds of one forward pass of <paramref name="Variant"/> on one slot.</summary>
public sealed record MeasuredVariant(ModelVariant Variant, double MedianMs);
