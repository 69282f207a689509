namespace Verbatim.Rebuild;

/// <summary>One published artifact a rebuild is compared with.</summary>
/// <param name="Name">Its file name, e.g. <c>hello_2.10-3_amd64.deb</c>.</param>
/// <param name="Path">Where it is on disk (given, or fetched into the rebuild's output directory).</param>
/// <param name="Sha256">Its SHA-256, lowercase hex.</param>
/// <param name="Origin">Where it came from: <c>given</c>, <c>apt-get download</c>, a URL.</param>
public sealed record ReferenceArtifact(string Name, string Path, string Sha256, string Origin);
