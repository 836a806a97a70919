namespace ProfileHub.Server.Security;

/// <summary>Whether HTTPS endpoints ask clients for a certificate (mTLS).</summary>
public enum ClientCertificatePolicy
{
    /// <summary>No client certificate is requested.</summary>
    None,

    /// <summary>A certificate is requested and validated when sent; calls without one are accepted.</summary>
    Allow,

    /// <summary>The TLS handshake fails without a valid client certificate.</summary>
    Require,
}
