using Verbatim.Core.IO;
using Verbatim.Normalize.IO;

namespace Verbatim.Normalize.Engine;

/// <summary>
/// What a handler needs while it runs: the options, the spool for decompressed members, the nesting depth, and a way
/// back into the registry to normalize its members without knowing their formats.
/// </summary>
public sealed class NormalizeContext
{
    internal NormalizeContext(NormalizerRegistry registry, NormalizeOptions options, SpoolBudget spool, int depth, CancellationToken cancellationToken)
    {
        Registry = registry;
        Options = options;
        Spool = spool;
        Depth = depth;
        CancellationToken = cancellationToken;
    }

    public NormalizerRegistry Registry { get; }

    public NormalizeOptions Options { get; }

    public SpoolBudget Spool { get; }

    public int Depth { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>The reference time as Unix seconds.</summary>
    public long ReferenceTime => Options.ReferenceTime;

    /// <summary>Whether the run applies <paramref name="normalization"/>.</summary>
    public bool Applies(Normalization normalization) => Options.Selected.Contains(normalization.Id);

    /// <summary>
    /// The time a timestamp <paramref name="unix"/> becomes: the reference time when times are set, else the
    /// earlier of the two (clamping).
    /// </summary>
    public long Time(long unix) => Options.SetTimes ? ReferenceTime : Math.Min(unix, ReferenceTime);

    /// <summary>Reads a stream into a seekable spool (memory or temporary file) within the run's limits.</summary>
    public Spool SpoolFrom(Stream source, long? expectedLength = null) => Core.IO.Spool.From(source, Spool, expectedLength, CancellationToken);

    /// <summary>
    /// Decompressed data, stopped once (past <see cref="NormalizeOptions.MinExpansionBytes"/>) it expands more than
    /// <see cref="NormalizeOptions.MaxCompressionRatio"/> times the compressed bytes <paramref name="consumed"/> so
    /// far; <paramref name="what"/> names it in the reason.
    /// </summary>
    public Stream RatioGuarded(Stream decoded, Func<long> consumed, string what) =>
        new RatioGuardStream(decoded, consumed, Options.MaxCompressionRatio, Options.MinExpansionBytes, what);

    /// <summary>The handler for a member, or null when none applies or the member is nested too deep.</summary>
    public INormalizer? Detect(IContent member, string name)
    {
        if (Depth >= Options.MaxDepth || member.Length == 0)
        {
            return null;
        }

        return Registry.Detect(member, name);
    }

    /// <summary>True when some handler would normalize a member starting with <paramref name="head"/> named <paramref name="name"/>.</summary>
    public bool WouldNormalize(ReadOnlySpan<byte> head, string name) => Depth < Options.MaxDepth && head.Length > 0 && Registry.Detect(head, name) is not null;

    /// <summary>
    /// Normalizes a member of a container with whichever handler recognises it, writing the result to
    /// <paramref name="output"/>; a member no handler recognises is copied unchanged. Changes are named under
    /// <paramref name="name"/>. Failures propagate, naming the member, so the whole file is left untouched.
    /// </summary>
    public IReadOnlyList<Change> NormalizeMember(IContent member, string name, Stream output)
    {
        CancellationToken.ThrowIfCancellationRequested();
        var handler = Detect(member, name);
        if (handler is null)
        {
            using var source = member.Open();
            source.CopyTo(output);
            return [];
        }

        var child = new NormalizeContext(Registry, Options, Spool, Depth + 1, CancellationToken);
        try
        {
            return [.. handler.Normalize(member, output, child).Select(c => c.Under(name))];
        }
        catch (MalformedInputException e)
        {
            throw new MalformedInputException(name.Length == 0 ? e.Message : $"{name}: {e.Message}", e);
        }
        catch (UnsupportedInputException e)
        {
            throw new UnsupportedInputException(name.Length == 0 ? e.Message : $"{name}: {e.Message}");
        }
    }

    /// <summary>
    /// Normalizes a member into a temporary file. Returns the content to use (the member itself when the result has
    /// the same bytes), the changes, and the temporary file to dispose once the content has been used (or null).
    /// </summary>
    public (IContent Content, IReadOnlyList<Change> Changes, IDisposable? Owner) NormalizeMemberToContent(IContent member, string name)
    {
        if (Detect(member, name) is null)
        {
            return (member, [], null);
        }

        var temp = new TempContent(Spool.Temp);
        try
        {
            bool differs;
            IReadOnlyList<Change> changes;
            using (var original = member.Open())
            {
                var comparing = ComparingStream.Deferred(original, member, temp.Writer);
                changes = NormalizeMember(member, name, comparing);
                comparing.Complete();
                differs = comparing.Differs;
            }

            if (!differs || (changes.Count == 0 && !Applies(Normalizations.CanonicalEncoding)))
            {
                temp.Dispose();
                return (member, [], null);
            }

            return (temp, changes.Count > 0 ? changes : [new Change(Normalizations.CanonicalEncoding, name, "encoding", null, "re-encoded with fixed settings")], temp);
        }
        catch
        {
            temp.Dispose();
            throw;
        }
    }
}
