package org.ccagraph.fuseki;

import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.iterator.QueryIterNullIterator;
import org.apache.jena.sparql.engine.join.Join;
import org.apache.jena.sparql.engine.main.OpExecutorFactory;
import org.apache.jena.tdb2.solver.OpExecutorTDB2;

/**
 * TDB2's query executor, except that a join or OPTIONAL whose left side has no
 * rows is empty (or the left side's rows) without its right side being built.
 *
 * Jena 5.6.0 builds a hash join's table only when the join is first read
 * (apache/jena#3047), and closing one that was never read fails
 * ("this.hashTable is null", apache/jena#3516, fixed after 5.6.0). A hash join closes its right side
 * unread when its left side is empty, so a nested OPTIONAL under a pattern
 * with no rows failed the whole query with HTTP 500 (the catalogue's
 * reporting-gap for a country with no regional governments). Not building the
 * right side of such a join gives the same rows and never closes a join unread.
 */
final class JoinExecutor extends OpExecutorTDB2 {
    static final OpExecutorFactory FACTORY = JoinExecutor::new;

    private JoinExecutor(ExecutionContext execCxt) {
        super(execCxt);
    }

    @Override
    protected QueryIterator execute(OpJoin opJoin, QueryIterator input) {
        QueryIterator left = exec(opJoin.getLeft(), input);
        if (!left.hasNext()) {
            left.close();
            return QueryIterNullIterator.create(execCxt);
        }
        return Join.join(left, exec(opJoin.getRight(), root()), execCxt);
    }

    @Override
    protected QueryIterator execute(OpLeftJoin opLeftJoin, QueryIterator input) {
        QueryIterator left = exec(opLeftJoin.getLeft(), input);
        if (!left.hasNext()) {
            left.close();
            return QueryIterNullIterator.create(execCxt);
        }
        return Join.leftJoin(left, exec(opLeftJoin.getRight(), root()), opLeftJoin.getExprs(), execCxt);
    }
}
