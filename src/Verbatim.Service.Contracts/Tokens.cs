namespace Verbatim.Service.Contracts;

/// <summary><c>POST /api/v1/tokens</c> (admin): a new token of scope <c>admin</c> or <c>worker</c>; a worker's public key (PEM) may be given here or registered later.</summary>
public sealed record TokenCreate(string Name, string Scope, string? PublicKeyPem = null);

/// <summary>The new token: shown once, stored only as its SHA-256.</summary>
public sealed record TokenCreated(string Name, string Scope, string Token, string? KeyId);

/// <summary><c>POST /api/v1/workers/register</c> (worker): the public key that signs this worker's results. Set once; the same key again is accepted.</summary>
public sealed record WorkerRegister(string PublicKeyPem);

/// <summary>The key registered for the worker.</summary>
public sealed record WorkerRegistered(string Name, string KeyId);

/// <summary>The scopes of tokens.</summary>
public static class TokenScopes
{
    public const string Admin = "admin";
    public const string Worker = "worker";

    public static bool IsKnown(string? scope) => scope is Admin or Worker;
}

/// <summary>Every 4xx and 5xx answer of the API: what went wrong, in one line.</summary>
public sealed record ApiError(int Status, string Error);
