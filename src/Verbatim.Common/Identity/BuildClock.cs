using System.Globalization;

namespace Verbatim.Common.Identity;

/// <summary>
/// The clock a build's steps read: the real one, the real one shifted by a fixed <see cref="Offset"/>, or one that
/// starts at a given instant (<see cref="Start"/>) and runs from there. A faked clock is applied with libfaketime
/// (<c>LD_PRELOAD</c>); file times (<c>stat</c>) are left real.
/// </summary>
public sealed record BuildClock
{
    private BuildClock(TimeSpan? offset, DateTimeOffset? start)
    {
        Offset = offset;
        Start = start;
    }

    /// <summary>The real clock: nothing is faked.</summary>
    public static BuildClock Real { get; } = new(null, null);

    /// <summary>The shift from the real clock, when the clock is shifted.</summary>
    public TimeSpan? Offset { get; }

    /// <summary>The instant the clock reads when the first step starts, when the clock is set.</summary>
    public DateTimeOffset? Start { get; }

    public bool IsReal => Offset is null && Start is null;

    /// <summary>The real clock shifted by <paramref name="offset"/> (whole seconds).</summary>
    public static BuildClock Shifted(TimeSpan offset) =>
        offset.Ticks % TimeSpan.TicksPerSecond == 0 ? new(offset, null) : throw new ArgumentException("a clock offset is whole seconds", nameof(offset));

    /// <summary>A clock that reads <paramref name="start"/> (whole seconds) when a step starts and runs from there.</summary>
    public static BuildClock StartingAt(DateTimeOffset start) =>
        start.Ticks % TimeSpan.TicksPerSecond == 0 ? new(null, start.ToUniversalTime()) : throw new ArgumentException("a clock start is whole seconds", nameof(start));

    public override string ToString() =>
        Offset is { } offset ? string.Create(CultureInfo.InvariantCulture, $"real {(offset < TimeSpan.Zero ? "-" : "+")}{Math.Abs((long)offset.TotalSeconds)} s")
        : Start is { } start ? "from " + start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : "real";
}
