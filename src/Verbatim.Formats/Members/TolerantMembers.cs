using Verbatim.Core.IO;

namespace Verbatim.Formats.Members;

/// <summary>
/// A container's members as its reader yields them, up to the first one it cannot read (a truncated or corrupt
/// archive): the enumeration then ends, and <see cref="Error"/> says why, so that the members before it are still
/// compared. A reader that fails at its first member fails as before (the input is not this format, or is all unreadable).
/// </summary>
internal sealed class TolerantMembers(IEnumerable<Member> members) : IEnumerable<Member>
{
    /// <summary>Why reading stopped early, or null when every member was read.</summary>
    public string? Error { get; private set; }

    /// <summary>How many members were read.</summary>
    public long Count { get; private set; }

    public IEnumerator<Member> GetEnumerator()
    {
        using var inner = members.GetEnumerator();
        while (true)
        {
            try
            {
                if (!inner.MoveNext())
                {
                    yield break;
                }
            }
            catch (Exception e) when (e is MalformedInputException or InvalidDataException or EndOfStreamException && Count > 0)
            {
                Error = e.Message;
                yield break;
            }

            Count++;
            yield return inner.Current;
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
