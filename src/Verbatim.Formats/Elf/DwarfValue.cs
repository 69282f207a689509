namespace Verbatim.Formats.Elf;

/// <summary>An attribute value as read: a number, an inline string, or a reference to a string elsewhere.</summary>
internal readonly record struct DwarfValue(DwarfValueKind Kind, ulong Number, string? Text = null);

/// <summary>Where a <see cref="DwarfValue"/>'s string, if any, is.</summary>
internal enum DwarfValueKind
{
    Number,
    Inline,
    Str,
    LineStr,
    StrIndex,
    Other,
}
