using Verbatim.Core.IO;

namespace Verbatim.Formats.Pe;

/// <summary>The exceptions System.Reflection.Metadata raises for corrupt images, and short reasons for them.</summary>
internal static class PeErrors
{
    public static bool IsFormatError(Exception e) => e is BadImageFormatException or InvalidOperationException or ArgumentException
        or IndexOutOfRangeException or InvalidCastException or OverflowException or InvalidDataException or EndOfStreamException or NotSupportedException;

    public static string Reason(Exception e)
    {
        var message = e switch
        {
            EndOfStreamException => "truncated",
            _ => e.Message,
        };
        message = message.ReplaceLineEndings(" ").Trim().TrimEnd('.');
        return message.Length <= 200 ? message : message[..197] + "...";
    }

    /// <summary>Runs <paramref name="read"/>, turning a format error into <see cref="MalformedInputException"/>.</summary>
    public static T Guard<T>(string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (IsFormatError(e))
        {
            throw new MalformedInputException($"{what}: {Reason(e)}", e);
        }
    }

    /// <summary>Runs <paramref name="render"/>, returning a marker with the reason instead of failing on bad data.</summary>
    public static string Safe(Func<string> render)
    {
        try
        {
            return render();
        }
        catch (Exception e) when (IsFormatError(e))
        {
            return $"<invalid: {Reason(e)}>";
        }
    }
}
