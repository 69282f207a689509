using Verbatim.Build.Stages;
using Verbatim.Common.Records;

namespace Verbatim.Build;

/// <summary>A finished build: its record (written as buildinfo.json), how each step went, and whether provenance was signed.</summary>
public sealed record BuildResult(BuildRecord Record, IReadOnlyList<StepResult> Steps, ProvenanceOutcome Provenance);
