namespace Verbatim.Build;

/// <summary>What a build reports while it runs; the library never prints, its caller decides what to show.</summary>
public enum BuildEventKind
{
    /// <summary>One input was fetched and matched its pinned digest.</summary>
    InputVerified,

    /// <summary>Every input is verified; no step has run yet.</summary>
    InputsVerified,

    /// <summary>A step is about to run; the message is <c>step NAME: COMMAND</c>.</summary>
    StepStarted,

    /// <summary>One line a step printed (standard output or error).</summary>
    StepOutput,

    /// <summary>Anything else worth telling (e.g. that no provenance was signed).</summary>
    Notice,
}

/// <summary>One progress event of a build: its kind and a one-line message.</summary>
public sealed record BuildEvent(BuildEventKind Kind, string Message);
