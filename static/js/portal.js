// Progressive enhancement only: every page works without JavaScript.
import { initAll } from "../vendor/govuk-frontend/govuk/govuk-frontend.min.js";
import { initCountryAutocompletes } from "./country-autocomplete.js";

initAll();
initCountryAutocompletes();
