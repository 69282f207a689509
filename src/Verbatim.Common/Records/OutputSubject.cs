using Verbatim.Common.Digests;

namespace Verbatim.Common.Records;

/// <summary>One collected output: its path relative to the output directory (and the workspace), SHA-256 and size.</summary>
public sealed record OutputSubject(string Name, Sha256Digest Sha256, long Size);
