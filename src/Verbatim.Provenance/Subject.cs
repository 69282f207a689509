namespace Verbatim.Provenance;

/// <summary>One artifact a statement is about: its name and the lowercase hex SHA-256 of its bytes.</summary>
public sealed record Subject(string Name, string Sha256);
