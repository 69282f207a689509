using System.Globalization;

namespace Verbatim.Core.Causes;

/// <summary>Decodes and formats times found in artifacts, and judges whether a number is plausibly one.</summary>
public static class Timestamps
{
    /// <summary>Earliest time taken as a plausible build time (1990-01-01).</summary>
    public const long PlausibleMin = 631152000;

    /// <summary>Latest time taken as a plausible build time (2035-01-01).</summary>
    public const long PlausibleMax = 2051222400;

    public static bool IsPlausible(long epochSeconds) => epochSeconds is >= PlausibleMin and <= PlausibleMax;

    /// <summary>Formats Unix seconds as <c>2024-01-01 00:00:00 UTC (1704067200)</c>.</summary>
    public static string Describe(long epochSeconds)
    {
        if (epochSeconds < -62135596800 || epochSeconds > 253402300799)
        {
            return epochSeconds.ToString(CultureInfo.InvariantCulture);
        }

        return $"{DateTimeOffset.FromUnixTimeSeconds(epochSeconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC ({epochSeconds})";
    }

    public static string Describe(DateTimeOffset time) =>
        time.Offset == TimeSpan.Zero
            ? Describe(time.ToUnixTimeSeconds())
            : $"{time.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)} ({time.ToUnixTimeSeconds()})";

    /// <summary>Decodes an MS-DOS date and time (zip) to text, or null when invalid.</summary>
    public static string? DescribeDos(ushort date, ushort time)
    {
        var year = 1980 + (date >> 9);
        var month = (date >> 5) & 0xF;
        var day = date & 0x1F;
        var hour = time >> 11;
        var minute = (time >> 5) & 0x3F;
        var second = (time & 0x1F) * 2;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " (DOS local time)";
    }
}
