namespace Verbatim.Check;

/// <summary>What a check reports while it runs.</summary>
public enum CheckEventKind
{
    /// <summary>A build started; the label says which (<c>control 1</c>, <c>experiment [time, umask]</c>).</summary>
    BuildStarted,

    /// <summary>A build finished (see <see cref="CheckEvent.Elapsed"/> and <see cref="CheckEvent.Failed"/>).</summary>
    BuildFinished,

    /// <summary>Anything else worth telling: a variation skipped, the search narrowing.</summary>
    Notice,
}

/// <summary>One progress event of a check; <see cref="Build"/> numbers the build it is about (from 1).</summary>
public sealed record CheckEvent(CheckEventKind Kind, string Message, int Build = 0, TimeSpan Elapsed = default, bool Failed = false);
