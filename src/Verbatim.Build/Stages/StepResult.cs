using Verbatim.Build.Sandbox;

namespace Verbatim.Build.Stages;

/// <summary>How one step of a build ended.</summary>
public sealed record StepResult(string Name, StepOutcome Outcome);
