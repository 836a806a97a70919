namespace ProfileHub.Server.Security;

/// <summary>A credential was presented but is not valid; the message says why and never contains the credential.</summary>
internal sealed class CredentialRejectedException(string reason) : Exception(reason);
