/* Calendering model (docs/calendering.md): compaction law, gap and spring-back, roll bite, roll
 * section, heated-roll contact, and the cross-web roll pair as Timoshenko beams on the electrode's
 * nonlinear compaction response (SNES on a 1D DMDA). The pure functions take no PETSc objects so that
 * tests call them directly. SI throughout: m, N, N/m (line load), Pa, J/m2, K. */
#pragma once
#include <petscsys.h>

/* ---- compaction law (Meyer et al. 2017, J. Mater. Process. Technol. 249, 172) ----
 * eps(q) = eps_min + (eps_0 - eps_min) exp(-q / gamma_c), q the line load (N/m), gamma_c (N/m). */
PETSC_EXTERN PetscReal CalenderPorosity(PetscReal eps0, PetscReal eps_min, PetscReal gamma_c, PetscReal q);
/* Its inverse: the line load (N/m) that gives porosity eps; 0 for eps >= eps0, +infinity for eps <= eps_min. */
PETSC_EXTERN PetscReal CalenderLineLoad(PetscReal eps0, PetscReal eps_min, PetscReal gamma_c, PetscReal eps);

/* ---- gap and spring-back ----
 * A coating of solid volume s (m3 of dense solids per m2) on a foil of thickness t_foil passes a gap g
 * (roll surface to roll surface): in the nip the coating is g - t_foil thick; after the nip it springs
 * back by the fraction sb of that, h_out = (g - t_foil)(1 + sb), and never above the incoming h_in. */
PETSC_EXTERN PetscReal CalenderExitThickness(PetscReal gap, PetscReal t_foil, PetscReal springback, PetscReal h_in);
/* The gap that gives exit thickness h_out: g = h_out / (1 + sb) + t_foil. */
PETSC_EXTERN PetscReal CalenderGapForThickness(PetscReal h_out, PetscReal t_foil, PetscReal springback);

/* One cross-web cell of the incoming electrode with the compaction law of its material. */
typedef struct {
  PetscReal s;          /* m, solid volume per area (solids mass / dense density) */
  PetscReal eps_in;     /* -, incoming porosity (eps_0 of the law) */
  PetscReal eps_min;    /* -, minimum porosity of the law */
  PetscReal gamma_c;    /* N/m, compaction resistance of the law */
  PetscReal t_foil;     /* m */
  PetscReal springback; /* -, elastic recovery after the nip, fraction of the nip thickness */
} CalenderCell;

/* Incoming coating thickness s / (1 - eps_in) (m). */
PETSC_EXTERN PetscReal CalenderCellInletThickness(const CalenderCell *c);
/* Response of a cell to the gap g: line load it carries (N/m) and the porosity it leaves with, with their
 * derivatives in g. No contact (q = 0, eps = eps_in) when the exit thickness reaches h_in. Near eps_min the
 * law is continued linearly in the thickness (C1) below eps - eps_min = 1e-6 (eps_in - eps_min), so that
 * Newton iterates stay finite; *valid is PETSC_FALSE there. Any output pointer may be NULL. */
PETSC_EXTERN void CalenderCellResponse(const CalenderCell *c, PetscReal g, PetscReal *q, PetscReal *dq_dg,
                                       PetscReal *eps, PetscReal *deps_dg, PetscBool *valid);

/* The uniform gap (m) of rigid rolls for which the mean over the n equal cells of the line load (mode 0,
 * target in N/m) or of the exit porosity (mode 1) equals target. offset[j] (may be NULL) is added to the
 * gap of cell j (a crown or a deflection). Safeguarded Newton, to 1e-14 relative in the gap. *reachable is
 * PETSC_FALSE (and *gap the limiting gap) when the target would need a cell beyond the law's range (below
 * eps_min + 1e-6 (eps_in - eps_min)); *limit is then the mean reached there. reachable and limit may be
 * NULL: an unreachable target is then an error. */
PETSC_EXTERN PetscErrorCode CalenderRigidGap(PetscInt n, const CalenderCell cells[], const PetscReal offset[],
                                             PetscInt mode, PetscReal target, PetscReal *gap, PetscBool *reachable,
                                             PetscReal *limit);

/* ---- roll bite ----
 * Both rolls of radius R take the coating from h_in to h_nip over the bite length L = sqrt(R (h_in - h_nip)),
 * h(x) = h_nip + x^2 / R (x from the nip). The layer at x has gone the fraction zeta = 1 - x^2/L^2 of the way
 * from eps_in to eps_out; its pressure follows the law's form in that state,
 *   p(x) = p_c ln(A / (A - B zeta)),  A = eps_in - eps_min, B = eps_in - eps_out,
 * with p_c such that the pressure integrates to the line load over the bite:
 *   q = p_c 2 L (1 - atan(r)/r),  r = sqrt(B / (A - B)).
 * The compaction work per area of web is W = int p dh = p_c (h_in - h_nip) (1 - ((A - B)/B) ln(A / (A - B))). */
typedef struct {
  PetscReal length;        /* m, bite length */
  PetscReal p_scale;       /* Pa, p_c */
  PetscReal peak_pressure; /* Pa, at the nip */
  PetscReal mean_pressure; /* Pa, q / length */
  PetscReal work;          /* J/m2 */
  PetscReal A, B, R;       /* for CalenderBitePressure */
} CalenderBite;
PETSC_EXTERN void      CalenderBiteEvaluate(PetscReal R, PetscReal h_in, PetscReal h_nip, PetscReal eps_in,
                                            PetscReal eps_out, PetscReal eps_min, PetscReal q, CalenderBite *b);
PETSC_EXTERN PetscReal CalenderBitePressure(const CalenderBite *b, PetscReal x);

/* ---- roll section and strength ----
 * Cross-section of a roll of outer diameter D with a bore d (0 for a solid roll): area, second moment
 * of area and section modulus. */
PETSC_EXTERN void CalenderRollSection(PetscReal D, PetscReal d, PetscReal *area, PetscReal *Imom, PetscReal *Z);
/* Largest bending stress (Pa) of a roll on bearings span apart carrying the force F spread evenly over the
 * web width b in the middle: M = F (2 span - b) / 8, sigma = M / Z. */
PETSC_EXTERN PetscReal CalenderRollBendingStress(PetscReal F, PetscReal span, PetscReal b, PetscReal Z);
/* Deflection (m) at y of a roll simply supported span apart under a line load q (N/m) spread evenly over the
 * width b centred on the span: Euler-Bernoulli (Macaulay) plus Timoshenko shear M(y) / kGA. The estimate
 * of roll bending before the web's own response redistributes the load. */
PETSC_EXTERN PetscReal CalenderRollDeflectionUniform(PetscReal span, PetscReal b, PetscReal q, PetscReal EI,
                                                     PetscReal kGA, PetscReal y);
/* Parabolic crown shape across the face (1 at mid-face, 0 at the face ends and beyond); y from the bearing. */
PETSC_EXTERN PetscReal CalenderCrownShape(PetscReal y, PetscReal span, PetscReal face);

/* ---- heated rolls ----
 * Heat (J/m2) taken up in time t by a semi-infinite solid of conductivity k and volumetric heat capacity
 * rho_cp through a contact conductance h_c from a body dT warmer (Carslaw & Jaeger 1959, 2.7):
 *   Q = k^2 dT / (h_c alpha) (exp(b^2) erfc(b) - 1 + 2 b / sqrt(pi)),  b = h_c sqrt(alpha t) / k, alpha = k / rho_cp.
 */
PETSC_EXTERN PetscReal CalenderContactHeat(PetscReal h_c, PetscReal k, PetscReal rho_cp, PetscReal t, PetscReal dT);

/* ---- the roll pair across the web ----
 * Each roll is a Timoshenko beam (bending stiffness EI, shear stiffness kGA) simply supported on its
 * bearings at y = 0 and y = span, discretised with linear elements and one-point shear integration
 * (locking-free) on n cells; w is the deflection away from the web. The rolls are mirror images, so the
 * gap at node i is g_i = G + 2 w_i - crown_i, with G the gap the rigid rolls would have. The foundation
 * callback gives the load P (N) the web puts on the roll over node i's tributary [ylo, yhi] at gap g (P
 * falls with g, to 0 at the contact gap, and grows without bound towards the floor gap where the web
 * reaches its minimum porosity) and a nodal measure T (its sum over the nodes fixes G in the measure mode).
 * Unknowns per node: w, phi, Qc (running sum of T), G (carried as a field, G_i = G_{i+1}, so the global
 * condition stays in a stencil of width 1) and p, the nodal load: the web acts with max(p, 0) and the gap
 * must equal the gap at which the web carries p (found by a scalar solve; p < 0 stands for an opening
 * beyond contact). In p the foundation saturates (g -> floor) instead of blowing up, so Newton needs no
 * barrier. End moments M (bending compensation) act at the bearings, positive towards the web. */
typedef PetscErrorCode (*CalRollFoundationFn)(PetscInt i, PetscReal ylo, PetscReal yhi, PetscReal g, PetscReal *P,
                                              PetscReal *dP_dg, PetscReal *T, PetscReal *dT_dg, void *ctx);
typedef enum {
  CALROLL_FIXED_GAP, /* G given */
  CALROLL_MEASURE    /* sum of the nodal measures T equals the target */
} CalRollMode;
typedef struct _n_CalRoll *CalRoll;

/* A solver on n cells over the span (sequential: every rank solves the same small problem). */
PETSC_EXTERN PetscErrorCode CalRollCreate(PetscInt n, PetscReal span, const char *prefix, CalRoll *r);
PETSC_EXTERN PetscErrorCode CalRollDestroy(CalRoll *r);
PETSC_EXTERN PetscErrorCode CalRollSetSection(CalRoll r, PetscReal EI, PetscReal kGA);
PETSC_EXTERN PetscErrorCode CalRollSetEndMoment(CalRoll r, PetscReal M);
/* Diameter crown (m) with the parabolic shape over the face width, centred on the span. */
PETSC_EXTERN PetscErrorCode CalRollSetCrown(CalRoll r, PetscReal crown, PetscReal face);
/* The foundation and, per node, its contact gap (P = 0 at and above it; -infinity: no web at the node, P = 0)
 * and floor gap (P grows without bound as g falls to it; -infinity: none). */
PETSC_EXTERN PetscErrorCode CalRollSetFoundation(CalRoll r, CalRollFoundationFn fn, const PetscReal contact[],
                                                 const PetscReal floor[], void *ctx);
PETSC_EXTERN PetscErrorCode CalRollSetMode(CalRoll r, CalRollMode mode, PetscReal value);
/* Reference scales: a length (deflection and gap), a load per length (N/m) and a measure per length
 * (T per m of roll); the unknowns and the residual rows are made dimensionless with them. */
PETSC_EXTERN PetscErrorCode CalRollSetScales(CalRoll r, PetscReal length, PetscReal load, PetscReal measure);
/* Newton from w = phi = 0 and G = G0; fails (PETSC_ERR_NOT_CONVERGED) if SNES does not converge. */
PETSC_EXTERN PetscErrorCode CalRollSolve(CalRoll r, PetscReal G0);
/* Node positions (m), deflection (m), rotation, gap (m), nodal load (N): arrays of n + 1 owned by the solver. */
PETSC_EXTERN PetscErrorCode CalRollGetSolution(CalRoll r, const PetscReal **y, const PetscReal **w,
                                               const PetscReal **phi, const PetscReal **gap, const PetscReal **P,
                                               PetscReal *G);
/* SNES iterations, final residual norm (scaled) and converged reason of the last solve. */
PETSC_EXTERN PetscErrorCode CalRollGetStats(CalRoll r, PetscInt *its, PetscReal *fnorm, PetscInt *reason);
