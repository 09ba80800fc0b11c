package org.facegrid.store;

import org.facegrid.cluster.HealthTransition;
import org.facegrid.cluster.NodeHealth;
import org.facegrid.cluster.NodeRecord;
import org.facegrid.directory.Person;
import org.facegrid.events.Event;
import org.facegrid.events.EventFace;
import org.facegrid.recognition.FaceEvent;
import org.facegrid.recognition.FaceTemplate;
import org.facegrid.storage.ObjectRecord;
import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;

/**
 * The ProtoStream schema of everything FaceGrid keeps in its caches. The annotation processor generates the
 * implementation ({@code FacegridSchemaImpl}) and the {@code facegrid.proto} file at build time.
 */
@ProtoSchema(
        includeClasses = {Person.class, NodeRecord.class, NodeHealth.class, HealthTransition.class, FaceTemplate.class,
                FaceEvent.class, ObjectRecord.class, Event.class, EventFace.class},
        schemaFileName = "facegrid.proto",
        schemaFilePath = "proto/",
        schemaPackageName = "facegrid")
public interface FacegridSchema extends GeneratedSchema {
}
