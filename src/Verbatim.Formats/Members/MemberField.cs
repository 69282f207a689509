using Verbatim.Core.Model;

namespace Verbatim.Formats.Members;

/// <summary>
/// One piece of a member's metadata (mtime, mode, uid, extra field…), already readable, with the cause it points to
/// when two members differ only in it.
/// </summary>
/// <param name="Name">The field's name as shown in the report.</param>
/// <param name="Value">The value, readable: dates decoded, modes in octal.</param>
/// <param name="Cause">What a difference in this field means, when known.</param>
public sealed record MemberField(string Name, string Value, CauseKind? Cause = null);
