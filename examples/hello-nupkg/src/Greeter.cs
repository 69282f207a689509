namespace Verbatim.Examples;

/// <summary>Says hello.</summary>
public static class Greeter
{
    public static string Greet(string name) => $"Hello, {name}!";
}
