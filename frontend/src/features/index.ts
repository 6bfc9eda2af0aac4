// Loads every feature so that it registers its routes and workbench entries. A new feature adds
// one line here (order = order on the workbench).
import "./auth";
import "./messages";
import "./workbench";
import "./contacts";
import "./approvals";
import "./attendance";
import "./leave";
import "./documents";
import "./me";
import "./org";
import "./audit";
import "./system";
import "./admin";
import "./approvals/designer";
import "./approvals/delegation";
