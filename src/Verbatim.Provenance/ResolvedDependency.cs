namespace Verbatim.Provenance;

/// <summary>
/// One input the build fetched and checked (a source, a toolchain, an environment): a name, where it came from,
/// and the lowercase hex SHA-256 it was verified against. <see cref="Uri"/> or <see cref="Sha256"/> may be empty
/// when unknown; they are then left out of the statement.
/// </summary>
public sealed record ResolvedDependency(string Name, string Uri, string Sha256);
