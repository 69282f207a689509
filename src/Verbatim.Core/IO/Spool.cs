namespace Verbatim.Core.IO;

/// <summary>
/// The full contents of a non-seekable stream (a decompressed stream, a tar member), kept in memory when small
/// and the budget allows, else in an unnamed file of the temporary area. Seekable and re-openable once spooled,
/// from any number of threads at once.
/// </summary>
public sealed class Spool : IContent, IDisposable
{
    private readonly SpoolBudget budget;
    private byte[]? memory;
    private int memoryLength;
    private long reserved;
    private FileStream? file;

    private Spool(SpoolBudget budget) => this.budget = budget;

    public long Length { get; private set; }

    /// <summary>The bytes, when they are held in memory.</summary>
    public ReadOnlyMemory<byte>? InMemory => memory?.AsMemory(0, memoryLength);

    /// <summary>Reads <paramref name="source"/> to its end, or exactly <paramref name="expectedLength"/> bytes when given.</summary>
    public static Spool From(Stream source, SpoolBudget budget, long? expectedLength = null, CancellationToken cancellationToken = default)
    {
        var spool = new Spool(budget);
        try
        {
            spool.Fill(source, expectedLength, cancellationToken);
            return spool;
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    private void Fill(Stream source, long? expectedLength, CancellationToken cancellationToken)
    {
        if (expectedLength > budget.MaxMemberBytes)
        {
            throw new LimitExceededException($"a member of {expectedLength} bytes passes the limit of {budget.MaxMemberBytes} bytes (--max-member-size)");
        }

        var first = (int)Math.Clamp(expectedLength ?? 64 * 1024, 16, budget.InMemoryThreshold);
        if (expectedLength is null or <= int.MaxValue && (expectedLength ?? 0) <= budget.InMemoryThreshold && budget.TryReserveMemory(first))
        {
            memory = new byte[first];
            reserved = first;
        }
        else
        {
            file = budget.Temp.CreateFile();
        }

        byte[]? buffer = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var remaining = expectedLength is { } e ? e - Length : long.MaxValue;
            if (remaining == 0)
            {
                break;
            }

            if (memory is not null && memoryLength == memory.Length && !Grow())
            {
                MoveToFile();
            }

            int read;
            if (memory is not null)
            {
                read = source.Read(memory, memoryLength, (int)Math.Min(memory.Length - memoryLength, remaining));
                memoryLength += read;
            }
            else
            {
                buffer ??= new byte[1 << 16];
                read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                file!.Write(buffer, 0, read);
            }

            if (read == 0)
            {
                if (expectedLength is not null)
                {
                    throw new MalformedInputException($"truncated: expected {expectedLength} bytes, got {Length}");
                }

                break;
            }

            Length += read;
            if (Length > budget.MaxMemberBytes)
            {
                throw new LimitExceededException($"a member expands past the limit of {budget.MaxMemberBytes} bytes (--max-member-size)");
            }

            budget.ChargeExpansion(read);
        }

        file?.Flush();
    }

    private bool Grow()
    {
        var size = Math.Min((long)memory!.Length * 2, budget.InMemoryThreshold);
        if (size <= memory.Length || !budget.TryReserveMemory(size - memory.Length))
        {
            return false;
        }

        reserved += size - memory.Length;
        Array.Resize(ref memory, (int)size);
        return true;
    }

    private void MoveToFile()
    {
        file = budget.Temp.CreateFile();
        file.Write(memory!, 0, memoryLength);
        budget.ReleaseMemory(reserved);
        reserved = 0;
        memory = null;
    }

    public Stream Open()
    {
        if (memory is not null)
        {
            return new ReadOnlyMemoryStream(memory.AsMemory(0, memoryLength));
        }

        ObjectDisposedException.ThrowIf(file is null, this);
        return new HandleStream(file.SafeFileHandle, Length);
    }

    public void Dispose()
    {
        budget.ReleaseMemory(reserved);
        reserved = 0;
        memory = null;
        file?.Dispose();
        file = null;
    }
}
