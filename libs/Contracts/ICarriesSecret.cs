namespace Buurt.Contracts;

/// <summary>
/// An integration event that carries a secret (a password-reset or invitation code). Its sender's
/// outbox keeps no copy once it is published (the payload is blanked when marked sent), consumers
/// never log it, and whatever a consumer stores from it is removed as soon as it has done its work.
/// </summary>
public interface ICarriesSecret
{
}
