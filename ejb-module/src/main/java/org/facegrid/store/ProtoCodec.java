package org.facegrid.store;

import org.infinispan.protostream.ProtobufUtil;
import org.infinispan.protostream.SerializationContext;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns entities into ProtoStream bytes and back.
 *
 * <p>Caches hold these bytes, not the entity objects: the server's marshaller then never needs the
 * deployment's classes, so a redeployed or upgraded application reads what an earlier one wrote.
 */
public final class ProtoCodec {
    private static final SerializationContext CONTEXT = createContext();

    private ProtoCodec() {
    }

    private static SerializationContext createContext() {
        SerializationContext context = ProtobufUtil.newSerializationContext();
        FacegridSchema schema = new FacegridSchemaImpl();
        schema.registerSchema(context);
        schema.registerMarshallers(context);
        return context;
    }

    public static byte[] encode(Object entity) {
        try {
            return ProtobufUtil.toByteArray(CONTEXT, entity);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + entity.getClass().getSimpleName(), e);
        }
    }

    public static <T> T decode(byte[] bytes, Class<T> type) {
        try {
            return ProtobufUtil.fromByteArray(CONTEXT, bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode " + type.getSimpleName(), e);
        }
    }
}
