// The overview page's drawing library: sigma.js (WebGL) over a graphology graph,
// both from the npm registry, bundled into one script by `make` (never committed).
// The page's own behaviour lives in cca_graph/present/templates/overview.js.j2.
import Graph from "graphology";
import Sigma from "sigma";
import { EdgeLineProgram } from "sigma/rendering";

window.ccaDraw = { Graph, Sigma, EdgeLineProgram };
