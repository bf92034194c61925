using Buurt.Ui;
using Buurt.Web.Api;
using Microsoft.AspNetCore.Components;

namespace Buurt.Web.Components.Pages.Staff;

/// <summary>
/// What every workspace page with forms shares: the errors at the fields (the page's own or the
/// API's, answered with their status), and a refusal said above the page in the reader's words.
/// </summary>
public abstract class StaffFormPage : ComponentBase
{
    [CascadingParameter]
    protected HttpContext? HttpContext { get; set; }

    [Inject]
    protected NavigationManager Navigation { get; set; } = null!;

    protected IReadOnlyList<FieldError> Errors { get; set; } = [];

    protected string? Refusal { get; set; }

    /// <summary>The form is refused: the errors at the fields, nothing sent or booked, the answer's status.</summary>
    protected void Refuse(IReadOnlyList<FieldError> errors, int status = StatusCodes.Status400BadRequest)
    {
        Errors = errors;
        HttpContext!.Response.StatusCode = status;
    }

    /// <summary>The API's refusal above the page (<paramref name="refused"/> when it says nothing the reader can use; a 401 signs in again, a 503 asks to try later).</summary>
    protected void SayRefused(ApiProblem problem, string refused) => Refusal = Refusals.Handle(problem, HttpContext!, Navigation, refused);
}
