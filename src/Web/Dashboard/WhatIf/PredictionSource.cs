namespace EdgeControl.Web.Dashboard.WhatIf;

/// <summary>Where a what-if figure comes from.</summary>
public enum PredictionSource
{
    /// <summary>The serving policy's learned environment model (the hybrid agent's ensemble mean).</summary>
    LearnedModel,

    /// <summary>The digital twin's noise-free physics with the scenario's profiles: for learners without a model, or before it is fitted.</summary>
    TwinExpectation,
}
