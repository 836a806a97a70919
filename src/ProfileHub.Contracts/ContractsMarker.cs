namespace ProfileHub.Contracts;

/// <summary>Anchors the generated <c>profilehub.v1</c> messages for assembly scanning.</summary>
public static class ContractsMarker;
