namespace Verbatim.Archives.Zip;

/// <summary>MS-DOS dates and times of zip entries, read as UTC, and their clamping to the reference time.</summary>
public static class ZipTimes
{
    private static readonly DateTime DosEpoch = new(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The entry time as Unix seconds (read as UTC), or null when the fields are not a valid date.</summary>
    public static long? ToUnix(ushort date, ushort time)
    {
        int year = 1980 + (date >> 9), month = (date >> 5) & 0xF, day = date & 0x1F;
        int hour = time >> 11, minute = (time >> 5) & 0x3F, second = (time & 0x1F) * 2;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToUnixTimeSeconds();
    }

    /// <summary>The DOS date and time of <paramref name="unix"/> (UTC, even seconds rounded down, 1980–2107).</summary>
    public static (ushort Date, ushort Time) FromUnix(long unix)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(unix, 315532800, 4354819198)).UtcDateTime;
        if (time < DosEpoch)
        {
            time = DosEpoch;
        }

        var date = (ushort)(((time.Year - 1980) << 9) | (time.Month << 5) | time.Day);
        var clock = (ushort)((time.Hour << 11) | (time.Minute << 5) | (time.Second / 2));
        return (date, clock);
    }

    /// <summary>The entry time clamped to <paramref name="reference"/>: later (or invalid) times become the reference time.</summary>
    public static (ushort Date, ushort Time) Clamp(ushort date, ushort time, long reference)
    {
        var (refDate, refTime) = FromUnix(reference);
        var unix = ToUnix(date, time);
        return unix is { } t && t <= ToUnix(refDate, refTime) ? (date, time) : (refDate, refTime);
    }
}
