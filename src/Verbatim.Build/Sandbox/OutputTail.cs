namespace Verbatim.Build.Sandbox;

/// <summary>Shortens a step's last output to one line for an error message.</summary>
public static class OutputTail
{
    public static string OneLine(string tail, int maxLines = 3)
    {
        var lines = tail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var last = lines.Skip(Math.Max(0, lines.Length - maxLines));
        var text = string.Join(" | ", last);
        return text.Length == 0 ? "(none)" : text.Length > 400 ? text[^400..] : text;
    }
}
