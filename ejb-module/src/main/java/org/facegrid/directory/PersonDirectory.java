package org.facegrid.directory;

/**
 * The person directory: the persons a cluster can recognise. Every node can read and write it; what is
 * written on one node is visible on all and survives restarts.
 */
public interface PersonDirectory {
    /** @throws org.facegrid.problem.InvalidInputException if the draft breaks a rule
     *  @throws org.facegrid.problem.ConflictException if another person has the same externalId */
    Person create(PersonDraft draft);

    /** @throws org.facegrid.problem.NotFoundException if there is no such person */
    Person get(String id);

    /** Replaces name, externalId and tags. Same errors as {@link #create} and {@link #get}. */
    Person update(String id, PersonDraft draft);

    /** @throws org.facegrid.problem.NotFoundException if there is no such person */
    void delete(String id);

    PersonPage list(PersonQuery query);
}
