namespace Portico.Testing;

/// <summary>Key algorithm of a generated certificate.</summary>
public enum TestKeyType
{
    /// <summary>ECDSA on P-256: fast to generate, the default.</summary>
    EcdsaP256,

    /// <summary>RSA 2048, for code paths that must handle RSA keys.</summary>
    Rsa2048,
}
