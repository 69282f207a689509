using Verbatim.Archives;

namespace Verbatim.Formats.Members;

/// <summary>Turns raw member names into safe display names: invalid UTF-8 and control characters become escapes (see <see cref="EntryNames"/>).</summary>
public static class MemberNames
{
    public static string Display(ReadOnlySpan<byte> raw) => EntryNames.Display(raw);

    public static string Escape(string name) => EntryNames.Escape(name);
}
